import type { Plugin, UploadOutcome } from './pluginsApi';

export interface Outcome {
  tone: 'success' | 'warning';
  text: string;
}

const connectorsWord = (n: number) => `${n} ${n === 1 ? 'connector' : 'connectors'}`;

/** "hr-file 1.0.0", or just the id when the jar named no version. */
export const nameAndVersion = (p: Pick<Plugin, 'id' | 'version'>) => (p.version ? `${p.id} ${p.version}` : p.id);

/**
 * What an upload did, in one sentence: "Installed hr-file 1.0.0." or "Upgraded hr-file 1.0.0 →
 * 1.1.0; 2 connectors restarted." `before` is the list as it was before the upload (for the old
 * version); `target` the row whose "Upgrade…" started it, when one did.
 */
export function describeUpload({ plugin, upgraded }: UploadOutcome, before: readonly Plugin[], target?: Plugin): Outcome {
  const done = upgraded ? upgradeText(plugin, before) : `Installed ${nameAndVersion(plugin)}.`;
  if (target && target.id !== plugin.id) {
    return {
      tone: 'warning',
      text: `The jar is the plugin ${plugin.id}, not ${target.id}: ${done} ${target.id} was not changed; to upgrade it, upload a jar with Plugin-Id ${target.id}.`,
    };
  }
  return { tone: 'success', text: done };
}

function upgradeText(plugin: Plugin, before: readonly Plugin[]): string {
  const previous = before.find((p) => p.id === plugin.id && p.state !== 'FAILED')?.version;
  const versions = previous && plugin.version ? `${previous} → ${plugin.version}` : `to ${plugin.version ?? 'the jar’s version'}`;
  const restarted = plugin.connectors.length;
  return `Upgraded ${plugin.id} ${versions}${restarted ? `; ${connectorsWord(restarted)} restarted` : ''}.`;
}

/** What a remove did: "Removed hr-file 1.0.0." plus the connectors it stopped. */
export function describeRemoval(plugin: Plugin, stopped: number): Outcome {
  if (!stopped) return { tone: 'success', text: `Removed ${nameAndVersion(plugin)}.` };
  return {
    tone: 'warning',
    text: `Removed ${nameAndVersion(plugin)} and stopped ${connectorsWord(stopped)}: they show “type not installed” until a plugin with their type is installed again.`,
  };
}

/** The label of the remove dialog's confirm button. */
export const removeLabel = (using: number) => (using ? `Remove and stop ${connectorsWord(using)}` : 'Remove');
