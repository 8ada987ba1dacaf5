import { useId, useRef, useState } from 'react';
import { ErrorAlert } from '../shared/ErrorAlert';
import { Modal } from '../shared/Modal';
import { nameAndVersion, removeLabel } from './pluginMessages';
import { removePlugin, type Plugin } from './pluginsApi';

interface Props {
  /** The plugin as the list shows it now: after a refused remove the page reloads it, with the connectors the hub named. */
  plugin: Plugin;
  /** Removed; `stopped` connectors were stopped with it. */
  onRemoved: (stopped: number) => void;
  /** The hub refused (409: connectors use it now); the page reloads the list. */
  onFailed: () => void;
  onCancel: () => void;
}

/**
 * Asks before removing a plugin, naming the connectors that use it: with none it is a plain
 * Remove; with some, "Remove and stop N connectors" removes it by force, stopping them.
 */
export function RemovePluginDialog({ plugin, onRemoved, onFailed, onCancel }: Props) {
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const using = plugin.connectors;

  const confirm = async () => {
    const force = using.length > 0;
    setBusy(true);
    setError(undefined);
    try {
      await removePlugin(plugin.id, force);
      onRemoved(force ? using.length : 0);
    } catch (e) {
      setBusy(false);
      setError(e);
      onFailed();
    }
  };

  return (
    <Modal title={`Remove ${nameAndVersion(plugin)}?`} busy={busy} onClose={onCancel} initialFocus={cancelRef} describedBy={bodyId} testId="remove-plugin-dialog">
      <div id={bodyId} className="modal-body">
        <p>
          The hub unloads the plugin and deletes its jar{plugin.file ? <> <code>{plugin.file}</code></> : null}.
          {plugin.connectorTypes.length > 0 && ` Its connector types (${plugin.connectorTypes.join(', ')}) are no longer available.`}
        </p>
        {using.length > 0 ? (
          <>
            <p>
              {using.length === 1 ? 'This connector uses it' : `These ${using.length} connectors use it`}; removing the plugin stops{' '}
              {using.length === 1 ? 'it' : 'them'}, and {using.length === 1 ? 'it shows' : 'they show'} “type not installed” until a plugin with
              the type is installed again:
            </p>
            <ul className="plugin-connector-list" data-testid="remove-plugin-connectors">
              {using.map((c) => (
                <li key={c.id}>
                  <strong>{c.name}</strong> <span className="muted mono small">{c.type}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>No connector uses it.</p>
        )}
      </div>
      <ErrorAlert error={error} title="Not removed" />
      <div className="modal-actions">
        <button type="button" className="btn" ref={cancelRef} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Removing…' : removeLabel(using.length)}
        </button>
      </div>
    </Modal>
  );
}
