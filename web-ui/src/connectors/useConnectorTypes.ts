import { useLoad } from '../shared/hooks';
import { listConnectorTypes, type ConnectorType } from './connectorsApi';

/** The installed connector types, and a lookup by id. */
export function useConnectorTypes() {
  const loaded = useLoad(listConnectorTypes, []);
  const byId = new Map<string, ConnectorType>((loaded.data ?? []).map((t) => [t.id, t]));
  return { ...loaded, byId };
}
