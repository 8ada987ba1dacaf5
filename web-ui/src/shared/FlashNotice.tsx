import { Notice } from './ErrorAlert';

/** The outcome of the last action ("User … deleted."), as `flash`; nothing without a message. */
export function FlashNotice({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Notice tone="success" testId="flash">
      {message}
    </Notice>
  );
}
