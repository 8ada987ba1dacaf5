import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConnectionReportView } from './ConnectionReportView';

describe('ConnectionReportView', () => {
  it('shows every step of a working connection with a check mark, name and detail', () => {
    render(
      <ConnectionReportView
        report={{
          success: true,
          steps: [
            { name: 'connect', success: true, detail: 'Connected to ldap://127.0.0.1:10389' },
            { name: 'bind', success: true, detail: 'Bound as cn=admin,dc=example,dc=com' },
          ],
          facts: {},
        }}
      />,
    );
    const report = screen.getByTestId('connection-report');
    expect(report).toHaveAttribute('data-success', 'true');
    expect(within(report).getByRole('heading', { name: 'Connection works' })).toBeInTheDocument();
    const steps = screen.getAllByTestId('report-step');
    expect(steps).toHaveLength(2);
    expect(steps[1]).toHaveTextContent('bind');
    expect(steps[1]).toHaveTextContent('Bound as cn=admin,dc=example,dc=com');
    expect(within(steps[1]).getByRole('img', { name: 'succeeded' })).toHaveTextContent('✓');
  });

  it('marks the failed step with a cross and says the connection failed', () => {
    render(
      <ConnectionReportView
        report={{
          success: false,
          steps: [
            { name: 'connect', success: true, detail: 'Connected' },
            { name: 'bind', success: false, detail: 'Invalid credentials (49): check the bind DN and password' },
          ],
          facts: {},
        }}
      />,
    );
    expect(screen.getByTestId('connection-report')).toHaveAttribute('data-success', 'false');
    expect(screen.getByRole('heading', { name: 'Connection failed' })).toBeInTheDocument();
    const failed = screen.getAllByTestId('report-step')[1];
    expect(failed).toHaveAttribute('data-success', 'false');
    expect(within(failed).getByRole('img', { name: 'failed' })).toHaveTextContent('✗');
    expect(failed).toHaveTextContent('check the bind DN and password');
  });

  it('lists the facts learnt as a key/value table', () => {
    render(
      <ConnectionReportView
        report={{
          success: true,
          steps: [{ name: 'connect', success: true, detail: 'ok' }],
          facts: { vendor: 'OpenLDAP', 'change detection': 'RFC 4533 sync' },
        }}
      />,
    );
    const table = screen.getByTestId('report-facts');
    expect(within(table).getByRole('rowheader', { name: 'vendor' })).toBeInTheDocument();
    const row = within(table).getByRole('row', { name: /change detection/ });
    expect(within(row).getByRole('cell')).toHaveTextContent('RFC 4533 sync');
  });

  it('shows no facts table when nothing was learnt', () => {
    render(<ConnectionReportView report={{ success: false, steps: [], facts: {} }} />);
    expect(screen.queryByTestId('report-facts')).toBeNull();
    expect(screen.getByText('The connector reported no steps.')).toBeInTheDocument();
  });
});
