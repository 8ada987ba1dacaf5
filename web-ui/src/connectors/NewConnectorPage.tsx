import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../shared/EmptyState';
import { LoadErrorAlert } from '../shared/ErrorAlert';
import { PageHeader } from '../shared/PageHeader';
import { Spinner } from '../shared/Spinner';
import { ConnectorForm, type ConnectorFormSubmit } from './ConnectorForm';
import { createConnector, testSettings, type ConnectorType } from './connectorsApi';
import { TypePicker } from './TypePicker';
import { useConnectorTypes } from './useConnectorTypes';

/** Add a connector: pick an installed type, fill its settings, test, save. */
export function NewConnectorPage() {
  const navigate = useNavigate();
  const types = useConnectorTypes();
  const [type, setType] = useState<ConnectorType>();

  const save = async ({ name, settings, enabled, provisioning }: ConnectorFormSubmit) => {
    if (!type) return;
    const created = await createConnector({ name, type: type.id, settings, enabled, provisioning });
    navigate('/connectors', { state: { flash: `Connector “${created.name ?? name}” created.` } });
  };

  const breadcrumb = <Link to="/connectors">← Connectors</Link>;
  if (!type) {
    return (
      <>
        <PageHeader title="Add connector" subtitle="Choose what to connect. Types come from the installed plugins." breadcrumb={breadcrumb} />
        <LoadErrorAlert error={types.error} />
        {types.loading && <Spinner />}
        {types.data && types.data.length === 0 && (
          <EmptyState title="No connector types installed">
            <p>
              Put a connector plugin into the hub&apos;s plugins folder; see <Link to="/plugins">Plugins</Link> for the ones found.
            </p>
          </EmptyState>
        )}
        {types.data && types.data.length > 0 && <TypePicker types={types.data} onPick={setType} />}
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={`Add ${type.displayName} connector`}
        subtitle={type.description}
        breadcrumb={breadcrumb}
        actions={
          <button type="button" className="btn btn-ghost" onClick={() => setType(undefined)}>
            Change type
          </button>
        }
      />
      <div className="card">
        <ConnectorForm
          key={type.id}
          type={type}
          mode="create"
          onTest={(settings) => testSettings(type.id, settings)}
          onSubmit={save}
          onCancel={() => navigate('/connectors')}
        />
      </div>
    </>
  );
}
