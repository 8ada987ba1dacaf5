import { useEffect, useState } from 'react';
import { useSession } from '../auth/SessionProvider';
import { DocLink } from '../shared/DocLink';
import { EmptyState } from '../shared/EmptyState';
import { useLoad } from '../shared/hooks';
import { LiveNotice } from '../shared/LiveNotice';
import { LoadedTable } from '../shared/LoadedTable';
import { PageHeader } from '../shared/PageHeader';
import { describeRemoval, describeUpload, type Outcome } from './pluginMessages';
import { listPlugins, type Plugin, type UploadOutcome } from './pluginsApi';
import { pluginKey, PluginsTable } from './PluginsTable';
import { RemovePluginDialog } from './RemovePluginDialog';
import { UploadPluginDialog } from './UploadPluginDialog';

/** How often the list asks again while a plugin is upgrading or being removed. */
export const UPGRADING_POLL_MS = 3000;

/** The upload dialog: for a new plugin or an upgrade of one (the row's "Upgrade…"). */
type Uploading = { target?: Plugin };

/**
 * The plugins the hub has: installed ones with their connector types and the connectors using
 * them, refused jars with why. An admin uploads a jar (install or upgrade) and removes plugins.
 */
export function PluginsPage() {
  const { can } = useSession();
  const manage = can('configure');
  const [upgrading, setUpgrading] = useState(false);
  const plugins = useLoad(listPlugins, [], upgrading ? UPGRADING_POLL_MS : undefined);
  const list = plugins.data ?? [];
  const [outcome, setOutcome] = useState<Outcome>();
  const [uploading, setUploading] = useState<Uploading>();
  const [removing, setRemoving] = useState<Plugin>();

  useEffect(() => setUpgrading(list.some((p) => p.state === 'UPGRADING')), [plugins.data]);

  const refused = list.filter((p) => p.state === 'FAILED').length;
  const rolledBack = list.filter((p) => p.state !== 'FAILED' && p.error).length;

  const openUpload = (target?: Plugin) => {
    setOutcome(undefined);
    setUploading({ target });
  };

  const openRemove = (plugin: Plugin) => {
    setOutcome(undefined);
    setRemoving(plugin);
  };

  const uploaded = (answer: UploadOutcome) => {
    setOutcome(describeUpload(answer, list, uploading?.target));
    setUploading(undefined);
    void plugins.reload();
  };

  const removed = (plugin: Plugin, stopped: number) => {
    setOutcome(describeRemoval(plugin, stopped));
    setRemoving(undefined);
    void plugins.reload();
  };

  // The dialog shows the plugin as the list has it now (a refused remove reloads the list).
  const removingNow = removing && (list.find((p) => pluginKey(p) === pluginKey(removing)) ?? removing);

  const uploadButton = manage && (
    <button type="button" className="btn btn-primary" data-testid="upload-plugin" onClick={() => openUpload()}>
      Upload plugin
    </button>
  );

  return (
    <>
      <PageHeader
        title="Plugins"
        subtitle={
          plugins.data
            ? `${list.length} ${list.length === 1 ? 'plugin' : 'plugins'}${refused ? `, ${refused} refused` : ''}${rolledBack ? `, ${rolledBack} with a failed upgrade` : ''}. Plugins bring the connector types.`
            : 'Connector plugins: the jars that bring the connector types.'
        }
        actions={
          <>
            <button type="button" className="btn" onClick={() => void plugins.reload()}>
              Refresh
            </button>
            {uploadButton}
          </>
        }
      />
      <LiveNotice message={outcome} testId="plugin-outcome" />
      <LoadedTable
        loaded={plugins}
        empty={
          <EmptyState testId="plugins-empty" title="No plugins installed">
            <p>
              Connector types come from plugins: jar files in the hub’s plugins directory. Drop a jar into that directory (<code>SLX_PLUGINS_DIR</code>,
              by default <code>plugins/</code> beside the hub’s jar): the hub loads it within seconds, without a restart{manage ? '. Or upload one here' : ''}.
            </p>
            <p>
              To write one, see the <DocLink page="plugin-author-guide.md">Plugin author guide</DocLink>.
            </p>
            {manage && (
              <button type="button" className="btn btn-primary" onClick={() => openUpload()}>
                Upload the first plugin
              </button>
            )}
          </EmptyState>
        }
      >
        {(items) => <PluginsTable plugins={items} manage={manage} onUpgrade={openUpload} onRemove={openRemove} />}
      </LoadedTable>
      {uploading && (
        <UploadPluginDialog
          target={uploading.target}
          onUploaded={uploaded}
          onFailed={() => void plugins.reload()}
          onCancel={() => setUploading(undefined)}
        />
      )}
      {removingNow && (
        <RemovePluginDialog
          plugin={removingNow}
          onRemoved={(stopped) => removed(removingNow, stopped)}
          onFailed={() => void plugins.reload()}
          onCancel={() => setRemoving(undefined)}
        />
      )}
    </>
  );
}
