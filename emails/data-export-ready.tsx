import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface DataExportReadyProps {
  /** Signed, expiring link to the export archive. */
  downloadUrl: string;
  /** Formatted date and time the link stops working, e.g. "March 10, 2026 at 14:00 UTC". */
  expiresOn: string;
}

// Static subject; typed against the props so every template shares one signature.
export const subject: (props: DataExportReadyProps) => string = () =>
  "Your Problemboard data export is ready";

/** To the person who requested a data export, once the archive is built. */
export default function DataExportReady({ downloadUrl, expiresOn }: DataExportReadyProps) {
  return (
    <EmailLayout preview="Your data export is ready to download">
      <EmailHeading>Your data export is ready</EmailHeading>
      <Paragraph>The data export you requested is ready to download.</Paragraph>
      <EmailButton href={downloadUrl}>Download export</EmailButton>
      <FallbackLink href={downloadUrl} />
      <Paragraph muted>
        The link works until {expiresOn}. After that, request a new export from your settings.
      </Paragraph>
      <Paragraph muted>
        If you didn&apos;t request this export, someone else may have access to your account: change
        your password.
      </Paragraph>
    </EmailLayout>
  );
}

DataExportReady.PreviewProps = {
  downloadUrl: "https://problemboard.app/api/exports/exp_preview/download?token=preview-token",
  expiresOn: "March 10, 2026 at 14:00 UTC",
} satisfies DataExportReadyProps;
