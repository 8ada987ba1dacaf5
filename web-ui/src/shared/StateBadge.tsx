import { Badge, type Tone } from './Badge';
import { humanize } from './format';

export interface StateLook {
  tone: Tone;
  label: string;
}

interface Props {
  /** How each known state looks. */
  looks: Readonly<Record<string, StateLook>>;
  state: string | undefined;
  testId?: string;
  title?: string;
}

/** A state from a fixed list as a badge (`data-state` is the raw state); an unknown one in words, grey. */
export function StateBadge({ looks, state, testId, title }: Props) {
  const look = (state !== undefined && Object.hasOwn(looks, state) ? looks[state] : undefined) ?? {
    tone: 'neutral',
    label: state ? humanize(state) : 'Unknown',
  };
  return (
    <Badge tone={look.tone} testId={testId} state={state} title={title}>
      {look.label}
    </Badge>
  );
}
