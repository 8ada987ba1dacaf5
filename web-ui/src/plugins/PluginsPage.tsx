import { Fragment } from 'react';
import { Badge, type Tone } from '../shared/Badge';
import { EmptyState } from '../shared/EmptyState';
import { useLoad } from '../shared/hooks';
import { LoadedTable } from '../shared/LoadedTable';
import { NoValue } from '../shared/NoValue';
import { PageHeader } from '../shared/PageHeader';
import { listPlugins, type Plugin } from './pluginsApi';

const TONES: Record<string, Tone> = {
  STARTED: 'success',
  FAILED: 'danger',
  DISABLED: 'neutral',
  STOPPED: 'neutral',
  UNLOADED: 'neutral',
  RESOLVED: 'info',
  CREATED: 'info',
};

function stateLabel(state: string): string {
  return state.charAt(0) + state.slice(1).toLowerCase();
}

/** The plugin jars the hub found: loaded ones with their connector types, refused ones with why. */
export function PluginsPage() {
  const plugins = useLoad(listPlugins, []);
  const list = plugins.data ?? [];
  const problems = list.filter((p) => p.error).length;
  return (
    <>
      <PageHeader
        title="Plugins"
        subtitle={
          plugins.data
            ? `${list.length} ${list.length === 1 ? 'plugin' : 'plugins'} found in the plugins folder${problems ? `, ${problems} with problems` : ''}.`
            : 'Plugins found in the hub’s plugins folder.'
        }
        actions={
          <button type="button" className="btn" onClick={() => void plugins.reload()}>
            Refresh
          </button>
        }
      />
      <LoadedTable
        loaded={plugins}
        empty={
          <EmptyState title="No plugins found">
            <p>Connector plugins are JAR files in the hub&apos;s plugins folder.</p>
          </EmptyState>
        }
      >
        {(list) => (
          <table className="table" data-testid="plugins-table">
            <thead>
              <tr>
                <th scope="col">Plugin</th>
                <th scope="col">Version</th>
                <th scope="col">Provider</th>
                <th scope="col">Requires</th>
                <th scope="col">State</th>
                <th scope="col">Connector types</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p: Plugin) => (
                <Fragment key={`${p.id}-${p.file ?? ''}`}>
                  <tr data-testid="plugin-row" className={p.error ? 'has-row-error' : undefined}>
                    <td>
                      <div className="strong">{p.id}</div>
                      {p.description && <div className="muted small">{p.description}</div>}
                      {p.file && <div className="muted small mono">{p.file}</div>}
                    </td>
                    <td className="mono">{p.version}</td>
                    <td>{p.provider || '—'}</td>
                    <td className="mono small">{p.requires || '—'}</td>
                    <td>
                      <Badge tone={TONES[p.state] ?? 'neutral'} state={p.state} testId="plugin-state">
                        {stateLabel(p.state ?? 'UNKNOWN')}
                      </Badge>
                    </td>
                    <td>
                      {(p.connectorTypes ?? []).length === 0 ? (
                        <NoValue />
                      ) : (
                        <span className="chips">
                          {(p.connectorTypes ?? []).map((t) => (
                            <span key={t} className="chip mono">
                              {t}
                            </span>
                          ))}
                        </span>
                      )}
                    </td>
                  </tr>
                  {p.error && (
                    <tr className="row-error-detail">
                      <td colSpan={6}>
                        <div className="row-error" data-testid="plugin-error">
                          <strong>{p.state === 'FAILED' ? 'Failed: ' : 'Refused: '}</strong>
                          {p.error}
                        </div>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
      </LoadedTable>
    </>
  );
}
