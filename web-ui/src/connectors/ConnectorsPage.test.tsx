import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeHub } from '../test/fakeHub';
import { jsonResponse, ldapType } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { connectorRoutes } from './routes';

const connectors = [
  { id: 'a', name: 'HR database', type: 'ldap', enabled: true, settings: {}, secretsSet: [], status: { state: 'running', since: '2025-01-01T10:00:00Z', lastError: null } },
  { id: 'b', name: 'Branch AD', type: 'ldap', enabled: true, settings: {}, secretsSet: [], status: { state: 'failing', since: '2025-01-01T10:00:00Z', lastError: 'Invalid credentials' } },
  { id: 'c', name: 'Old LDAP', type: 'ldap', enabled: false, settings: {}, secretsSet: [], status: { state: 'stopped', since: '2025-01-01T10:00:00Z', lastError: null } },
  { id: 'd', name: 'Remote DC', type: 'ldap', enabled: true, settings: {}, secretsSet: [], status: { state: 'degraded', since: '2025-01-01T10:00:00Z', lastError: 'server down (81); reconnecting' } },
];

function rowOf(name: string) {
  return screen.getAllByTestId('connector-row').find((row) => row.textContent?.includes(name))!;
}

describe('Connectors list', () => {
  it('shows each connector with its type and a status badge coloured by state', async () => {
    fakeHub({
      'GET /api/v1/connectors': jsonResponse(200, connectors),
      'GET /api/v1/connector-types': jsonResponse(200, [ldapType]),
    });
    renderRoutes(connectorRoutes, '/connectors');
    await screen.findByText('HR database');
    expect(within(rowOf('HR database')).getByTestId('connector-status')).toHaveClass('badge-success');
    expect(within(rowOf('Branch AD')).getByTestId('connector-status')).toHaveClass('badge-danger');
    expect(within(rowOf('Old LDAP')).getByTestId('connector-status')).toHaveClass('badge-neutral');
    expect(within(rowOf('Branch AD')).getByTestId('connector-last-error')).toHaveTextContent('Invalid credentials');
    expect(within(rowOf('Remote DC')).getByTestId('connector-status')).toHaveClass('badge-warning');
    expect(within(rowOf('Remote DC')).getByTestId('connector-status')).toHaveTextContent('Reconnecting');
    expect(within(rowOf('Remote DC')).getByTestId('connector-last-error')).toHaveTextContent('server down (81); reconnecting');
    expect(await within(rowOf('HR database')).findByText('Active Directory / LDAP')).toBeInTheDocument();
  });

  it('offers Add connector to an admin only', async () => {
    fakeHub({
      'GET /api/v1/connectors': jsonResponse(200, connectors),
      'GET /api/v1/connector-types': jsonResponse(200, [ldapType]),
    });
    renderRoutes(connectorRoutes, '/connectors', 'operator');
    await screen.findByText('HR database');
    expect(screen.queryByRole('link', { name: /Add connector/ })).toBeNull();
    expect(within(rowOf('Old LDAP')).getByRole('button', { name: 'Start' })).toBeInTheDocument();
    expect(within(rowOf('HR database')).getByRole('button', { name: 'Stop' })).toBeInTheDocument();
  });

  it('hides start and stop from an auditor', async () => {
    fakeHub({
      'GET /api/v1/connectors': jsonResponse(200, connectors),
      'GET /api/v1/connector-types': jsonResponse(200, [ldapType]),
    });
    renderRoutes(connectorRoutes, '/connectors', 'auditor');
    await screen.findByText('HR database');
    expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
  });

  it('says in words when the hub cannot be reached', async () => {
    fakeHub({});
    const { vi } = await import('vitest');
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    renderRoutes(connectorRoutes, '/connectors');
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the hub');
  });
});
