import { useState } from 'react';
import { useSession } from '../auth/SessionProvider';
import { EmptyState } from '../shared/EmptyState';
import { FlashNotice } from '../shared/FlashNotice';
import { useLoad } from '../shared/hooks';
import { LoadedTable } from '../shared/LoadedTable';
import { PageHeader } from '../shared/PageHeader';
import { useFlash } from '../shared/useFlash';
import { SecretDialog } from './SecretDialog';
import { WebhookForm } from './WebhookForm';
import { createWebhook, HEALTH_POLL_MS, listWebhooks, type WebhookInput, type WebhookWithSecret } from './webhooksApi';
import { WebhooksTable } from './WebhooksTable';

/** The webhook subscriptions with their delivery health; a new one shows its secret once. */
export function WebhooksPage() {
  const { can } = useSession();
  const [flash, setFlash] = useFlash();
  const webhooks = useLoad(listWebhooks, [], HEALTH_POLL_MS);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<WebhookWithSecret>();

  const create = async (body: WebhookInput) => {
    const answer = await createWebhook(body);
    setAdding(false);
    setCreated(answer);
    setFlash(`Webhook for ${answer.webhook.url} created.`);
    await webhooks.reload();
  };

  const startAdding = () => {
    setFlash(undefined);
    setAdding(true);
  };

  return (
    <>
      <PageHeader
        title="Webhooks"
        subtitle="Endpoints the hub sends change events to, signed, and how their deliveries are going."
        actions={
          can('configure') &&
          !adding && (
            <button type="button" className="btn btn-primary" data-testid="add-webhook" onClick={startAdding}>
              + New webhook
            </button>
          )
        }
      />
      <FlashNotice message={flash} />
      {adding && (
        <section className="card">
          <WebhookForm mode="create" onSubmit={create} onCancel={() => setAdding(false)} />
        </section>
      )}
      <LoadedTable
        loaded={webhooks}
        empty={
          <EmptyState testId="webhooks-empty" title="No webhooks yet">
            <p>A webhook sends each change to users and groups to an endpoint of yours as it happens, as a signed CloudEvent.</p>
          </EmptyState>
        }
      >
        {(items) => <WebhooksTable webhooks={items} />}
      </LoadedTable>
      {created && (
        <SecretDialog title="Webhook created: its signing secret" secret={created.secret} onClose={() => setCreated(undefined)} />
      )}
    </>
  );
}
