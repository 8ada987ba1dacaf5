import { useCallback } from 'react';
import { LoadErrorAlert } from '../shared/ErrorAlert';
import { formatDateTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { NoValue } from '../shared/NoValue';
import { Spinner } from '../shared/Spinner';
import { HttpStatus } from './HttpStatus';
import { getWebhookDelivery, type DeliveryAttempt } from './webhooksApi';

interface Props {
  webhookId: string;
  deliveryId: number;
}

/** One delivery opened in the log: every attempt and the CloudEvent that was sent. */
export function DeliveryDetails({ webhookId, deliveryId }: Props) {
  const load = useCallback(() => getWebhookDelivery(webhookId, deliveryId), [webhookId, deliveryId]);
  const delivery = useLoad(load, [webhookId, deliveryId]);
  const d = delivery.data;
  if (!d) return delivery.error !== undefined ? <LoadErrorAlert error={delivery.error} /> : <Spinner />;

  return (
    <div className="delivery-details" data-testid="delivery-details">
      <h3 className="subsection-title">Attempts</h3>
      {(d.log ?? []).length === 0 ? <p className="muted">Not tried yet.</p> : <AttemptsTable attempts={d.log ?? []} />}
      <h3 className="subsection-title">Payload</h3>
      {d.payload ? (
        <pre className="code-block" data-testid="delivery-payload">
          {JSON.stringify(d.payload, null, 2)}
        </pre>
      ) : (
        <p className="muted">The hub kept no payload for this delivery.</p>
      )}
    </div>
  );
}

/** Each try, oldest first: the endpoint's answer (or why there was none) and how long it took. */
function AttemptsTable({ attempts }: { attempts: DeliveryAttempt[] }) {
  return (
    <table className="table table-compact" data-testid="delivery-attempts">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Answer</th>
          <th scope="col" className="num-col">
            Duration
          </th>
          <th scope="col">Error</th>
          <th scope="col">Response</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a, i) => (
          <tr key={i} data-testid="delivery-attempt">
            <td className="nowrap">{formatDateTime(a.at)}</td>
            <td>
              <HttpStatus code={a.statusCode} />
            </td>
            <td className="num-col">{a.durationMs != null ? `${a.durationMs} ms` : <NoValue />}</td>
            <td className="error-cell small">{a.error ? <span className="text-danger">{a.error}</span> : <NoValue />}</td>
            <td>{a.response ? <pre className="code-snippet">{a.response}</pre> : <NoValue />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
