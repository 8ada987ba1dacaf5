import { Fragment } from 'react';
import { Link } from 'react-router';
import { ActionsColumnHeader } from '../shared/ActionsColumnHeader';
import { formatBytes, formatDateTime, formatRelative } from '../shared/format';
import { NoValue } from '../shared/NoValue';
import { nameAndVersion } from './pluginMessages';
import type { Plugin } from './pluginsApi';
import { PluginStateBadge } from './PluginStateBadge';

interface Props {
  plugins: Plugin[];
  /** Shows Upgrade… and Remove (the admin's `configure`). */
  manage: boolean;
  onUpgrade: (plugin: Plugin) => void;
  onRemove: (plugin: Plugin) => void;
}

/** A row's key: a refused jar may carry the id of an installed plugin, so the file tells them apart. */
export const pluginKey = (p: Plugin) => `${p.id}|${p.file ?? ''}`;

/**
 * The installed plugins and the refused jars: what each is, what it needs and brings, which
 * connectors use it, its jar, and what went wrong (a refused jar's reason; an upgrade rolled back).
 */
export function PluginsTable({ plugins, manage, onUpgrade, onRemove }: Props) {
  const columns = manage ? 9 : 8;
  // Removing goes by id: a refused jar sharing its id with another row cannot be removed here.
  const sharedIds = new Set(plugins.filter((p, i) => plugins.findIndex((o) => o.id === p.id) !== i).map((p) => p.id));
  return (
    <table className="table plugins-table" data-testid="plugins-table">
      <thead>
        <tr>
          <th scope="col">Plugin</th>
          <th scope="col">Version</th>
          <th scope="col">Provider</th>
          <th scope="col">
            <abbr title="The plugin API versions it needs (Plugin-Requires)">Requires API</abbr>
          </th>
          <th scope="col">State</th>
          <th scope="col">Connector types</th>
          <th scope="col">Used by</th>
          <th scope="col">File</th>
          {manage && <ActionsColumnHeader />}
        </tr>
      </thead>
      <tbody>
        {plugins.map((p) => {
          const refused = p.state === 'FAILED';
          const rolledBack = !refused && !!p.error;
          const busy = p.state === 'UPGRADING';
          const name = nameAndVersion(p);
          return (
            <Fragment key={pluginKey(p)}>
              <tr
                data-testid="plugin-row"
                data-plugin-id={p.id}
                data-state={p.state}
                className={p.error ? 'has-row-error' : undefined}
              >
                <td>
                  <span className="strong mono">{p.id}</span>
                  {p.description && <span className="muted small block">{p.description}</span>}
                </td>
                <td className="mono">{p.version || <NoValue />}</td>
                <td>{p.provider || <NoValue />}</td>
                <td className="mono small">{p.requires || <NoValue />}</td>
                <td>
                  <PluginStateBadge plugin={p} />
                </td>
                <td>
                  {p.connectorTypes.length === 0 ? (
                    <NoValue />
                  ) : (
                    <span className="chips">
                      {p.connectorTypes.map((t) => (
                        <span key={t} className="chip mono">
                          {t}
                        </span>
                      ))}
                    </span>
                  )}
                </td>
                <td data-testid="plugin-connectors">
                  {p.connectors.length === 0 ? (
                    <NoValue />
                  ) : (
                    <ul className="plain-list">
                      {p.connectors.map((c) => (
                        <li key={c.id}>
                          <Link to={`/connectors/${encodeURIComponent(c.id)}`}>{c.name}</Link>{' '}
                          <span className="muted small mono">{c.type}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="small">
                  {p.file ? <span className="mono wrap-anywhere">{p.file}</span> : <NoValue />}
                  {(p.size != null || p.loadedAt) && (
                    <span className="muted block">
                      {formatBytes(p.size)}
                      {p.size != null && p.loadedAt && ' · '}
                      {p.loadedAt && <time dateTime={p.loadedAt} title={formatDateTime(p.loadedAt)}>loaded {formatRelative(p.loadedAt)}</time>}
                    </span>
                  )}
                  {p.sha256 && (
                    <span className="muted block mono" title={`SHA-256 ${p.sha256}`}>
                      sha256 {p.sha256.slice(0, 12)}…
                    </span>
                  )}
                </td>
                {manage && (
                  <td className="actions-col">
                    <span className="plugin-actions">
                      {!refused && (
                        <button type="button" className="btn btn-sm" aria-label={`Upgrade ${p.id}`} disabled={busy} onClick={() => onUpgrade(p)}>
                          Upgrade…
                        </button>
                      )}
                      {!sharedIds.has(p.id) || !refused ? (
                        <button type="button" className="btn btn-sm" aria-label={`Remove ${name}`} disabled={busy} onClick={() => onRemove(p)}>
                          Remove
                        </button>
                      ) : null}
                    </span>
                  </td>
                )}
              </tr>
              {p.error && (
                <tr className="row-error-detail">
                  <td colSpan={columns}>
                    {rolledBack ? (
                      <div className="row-warning" data-testid="plugin-warning">
                        <strong>Upgrade rolled back: </strong>
                        {p.id} is still on version {p.version ?? 'the previous version'}. {p.error}
                      </div>
                    ) : (
                      <div className="row-error" data-testid="plugin-error">
                        <strong>Refused: </strong>
                        {p.error}
                      </div>
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
