import { Fragment } from "react";
import { Details } from "./components/details";
import { EmailHeading, EmailLayout, Paragraph } from "./components/layout";

/** What a visitor typed into the Enterprise contact form; every field is untrusted text. */
export interface ContactSalesProps {
  name: string;
  email: string;
  company: string;
  /** Seats the visitor expects to need, as typed: "50" or "50-100". */
  seats: string;
  message: string;
}

/** Subjects are one line: collapse whitespace (and newlines) in visitor-typed text. */
function oneLine(value: string, max = 80): string {
  const line = value.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function subject({ company, seats }: ContactSalesProps): string {
  return `Enterprise enquiry: ${oneLine(company)} (${oneLine(seats, 20)} seats)`;
}

/** Internal: to the sales inbox when someone submits the Enterprise contact form. */
export default function ContactSales({ name, email, company, seats, message }: ContactSalesProps) {
  const paragraphs = message
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split("\n"));
  return (
    <EmailLayout preview={`${name} from ${company} asked about Enterprise`}>
      <EmailHeading>New Enterprise enquiry</EmailHeading>
      <Paragraph>Someone filled in the Enterprise contact form.</Paragraph>
      <Details
        rows={[
          ["Name", name],
          ["Email", email],
          ["Company", company],
          ["Seats", seats],
        ]}
      />
      <Paragraph>Their message:</Paragraph>
      {paragraphs.map((lines, index) => (
        <Paragraph key={index}>
          {lines.map((line, lineIndex) => (
            <Fragment key={lineIndex}>
              {lineIndex > 0 ? <br /> : null}
              {line}
            </Fragment>
          ))}
        </Paragraph>
      ))}
      <Paragraph muted>
        Answer them at {email}. The details above are as the visitor typed them and are not
        verified.
      </Paragraph>
    </EmailLayout>
  );
}

ContactSales.PreviewProps = {
  name: "Grace Hopper",
  email: "grace@globex.example",
  company: "Globex Corporation",
  seats: "120",
  message:
    "We run three product lines and want one feedback board per line, with SAML SSO through Okta.\n\nCould we get a call next week to talk about pricing and a security review?",
} satisfies ContactSalesProps;
