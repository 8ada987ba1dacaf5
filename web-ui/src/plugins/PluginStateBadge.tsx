import { StateBadge, type StateLook } from '../shared/StateBadge';
import type { Plugin } from './pluginsApi';

const LOOKS: Record<string, StateLook> = {
  STARTED: { tone: 'success', label: 'Started' },
  UPGRADING: { tone: 'info', label: 'Upgrading' },
  FAILED: { tone: 'danger', label: 'Failed' },
};

/** Started, Upgrading or Failed; a started plugin whose last upgrade was rolled back says so in its title. */
export function PluginStateBadge({ plugin }: { plugin: Plugin }) {
  const rolledBack = plugin.state === 'STARTED' && !!plugin.error;
  return (
    <StateBadge
      looks={LOOKS}
      state={plugin.state}
      testId="plugin-state"
      title={rolledBack ? 'Still on this version: the last upgrade failed and was rolled back' : undefined}
    />
  );
}
