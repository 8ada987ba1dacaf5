import { useState } from 'react';
import { usePageActions } from '../shared/usePageActions';
import { retryProvisioningTask, type ProvisioningTask } from './provisioningApi';
import { operationLabel } from './taskOperations';

/**
 * Retrying failed tasks, one at a time: which one is being retried, how the last retry went
 * (`flash` or `error`). `afterRetry` loads the tasks again.
 */
export function useRetryTask(afterRetry: () => unknown) {
  const [flash, setFlash] = useState<string>();
  const actions = usePageActions<string>(() => setFlash(undefined));

  const retry = (task: ProvisioningTask) =>
    void actions.run(String(task.id), async () => {
      await retryProvisioningTask(task.id);
      setFlash(`Queued again: ${operationLabel(task.operation).toLowerCase()} “${task.subject}” in ${task.connectorName || 'the connector'}.`);
      await afterRetry();
    });

  return { retry, retrying: actions.busy, error: actions.error, flash };
}
