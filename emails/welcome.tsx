import type { CSSProperties } from "react";
import { Section, Text } from "@react-email/components";
import {
  BRAND_COLOR,
  EmailButton,
  EmailHeading,
  EmailLayout,
  EmailLink,
  Paragraph,
} from "./components/layout";

export interface WelcomeProps {
  name: string;
  workspaceUrl: string;
}

// Static subject; typed against the props so every template shares one signature.
export const subject: (props: WelcomeProps) => string = () => "Welcome to Problemboard";

const steps = [
  {
    title: "Create a board",
    body: "Set up a board for the product or area you want feedback on.",
  },
  {
    title: "Share its public link",
    body: "Send the board's public link to your customers so they can post problems and vote.",
  },
  {
    title: "Triage problems",
    body: "Review incoming problems and decide what your team tackles next.",
  },
] as const;

const stepStyle: CSSProperties = {
  color: "#374151",
  fontSize: "15px",
  lineHeight: "24px",
  margin: "0 0 12px",
};

const stepNumberStyle: CSSProperties = {
  color: BRAND_COLOR,
  fontWeight: 700,
};

export default function Welcome({ name, workspaceUrl }: WelcomeProps) {
  return (
    <EmailLayout preview="Welcome to Problemboard: three steps to get started">
      <EmailHeading>Welcome to Problemboard, {name}!</EmailHeading>
      <Paragraph>
        Your workspace is ready. Here are three steps to start hearing about your customers&apos;
        problems:
      </Paragraph>
      <Section>
        {steps.map((step, index) => (
          <Text key={step.title} style={stepStyle}>
            <span style={stepNumberStyle}>{index + 1}.</span> <strong>{step.title}</strong>:{" "}
            {step.body}
          </Text>
        ))}
      </Section>
      <EmailButton href={workspaceUrl}>Go to your workspace</EmailButton>
      <Paragraph muted>
        Your workspace lives at <EmailLink href={workspaceUrl} />.
      </Paragraph>
    </EmailLayout>
  );
}

Welcome.PreviewProps = {
  name: "Ada Lovelace",
  workspaceUrl: "https://problemboard.app/w/acme",
} satisfies WelcomeProps;
