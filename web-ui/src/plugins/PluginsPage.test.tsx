import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeHub } from '../test/fakeHub';
import { jsonResponse, problem } from '../test/fixtures';
import { renderRoutes } from '../test/renderRoutes';
import { HR_EXPORT, jar, ldapPlugin, plugin, refusedJar, rolledBack } from './pluginFixtures';
import type { Plugin } from './pluginsApi';
import { pluginRoutes } from './routes';

const LIST = 'GET /api/v1/plugins';
const UPLOAD = 'POST /api/v1/plugins';

/** A hub whose plugin list the test can change, as the real one changes after an upload. */
function hubWithPlugins(initial: Plugin[], extra: Parameters<typeof fakeHub>[0] = {}) {
  const state = { list: initial };
  const hub = fakeHub({ [LIST]: () => jsonResponse(200, state.list), ...extra });
  return { ...hub, state };
}

const rowOf = (id: string) => screen.getAllByTestId('plugin-row').find((row) => row.dataset.pluginId === id)!;
/** The line under a row that says what went wrong. */
const problemUnder = (id: string) => rowOf(id).nextElementSibling as HTMLElement;

async function openUpload(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Upload plugin' }));
  return screen.getByRole('dialog', { name: 'Upload plugin' });
}

describe('Plugins', () => {
  it('lists each plugin: version, provider, API it needs, state, connector types, connectors using it, jar, and what went wrong', async () => {
    hubWithPlugins([plugin(), refusedJar, rolledBack]);
    renderRoutes(pluginRoutes, '/plugins');
    await screen.findByTestId('plugins-table');
    expect(screen.getByRole('heading', { name: 'Plugins', level: 1 })).toBeInTheDocument();
    expect(screen.getByText(/3 plugins, 1 refused, 1 with a failed upgrade/)).toBeInTheDocument();

    const hr = rowOf('hr-file');
    for (const text of ['1.0.0', 'Example HR', '^1.0.0', 'hr-file-1.0.0.jar', '25 KB', 'sha256 9f86d081884c']) expect(hr).toHaveTextContent(text);
    expect(within(hr).getByTestId('plugin-state')).toHaveTextContent('Started');
    expect(within(hr).getByRole('link', { name: 'HR export' })).toHaveAttribute('href', `/connectors/${HR_EXPORT}`);
    expect(within(hr).getByRole('link', { name: 'HR import (test)' })).toBeInTheDocument();
    expect(screen.getAllByTestId('plugin-error')).toHaveLength(1);
    expect(screen.getAllByTestId('plugin-warning')).toHaveLength(1);

    const crm = rowOf('crm-sync');
    expect(within(crm).getByTestId('plugin-state')).toHaveTextContent('Failed');
    expect(crm).toHaveTextContent('^2.0.0');
    expect(within(problemUnder('crm-sync')).getByTestId('plugin-error')).toHaveTextContent(
      'Refused: Plugin-Requires ^2.0.0 does not match the hub’s plugin API 1.0.0',
    );

    const google = rowOf('google');
    expect(within(google).getByTestId('plugin-state')).toHaveTextContent('Started');
    expect(within(problemUnder('google')).getByTestId('plugin-warning')).toHaveTextContent(
      'Upgrade rolled back: google is still on version 1.2.0. Upgrade to 1.3.0 failed and was rolled back: connector Google (main) did not start: invalid_grant',
    );
  });

  it('shows the list read-only to an operator: no upload, upgrade or remove', async () => {
    const hub = hubWithPlugins([plugin(), refusedJar]);
    renderRoutes(pluginRoutes, '/plugins', 'operator');
    await screen.findByTestId('plugins-table');
    expect(rowOf('hr-file')).toHaveTextContent('HR export');
    expect(screen.queryByRole('button', { name: /Upload/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Upgrade/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(hub.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('tells an admin how to get plugins when there are none', async () => {
    hubWithPlugins([]);
    renderRoutes(pluginRoutes, '/plugins');
    const empty = await screen.findByTestId('plugins-empty');
    expect(empty).toHaveTextContent('No plugins installed');
    expect(empty).toHaveTextContent('SLX_PLUGINS_DIR');
    expect(empty).toHaveTextContent('the hub loads it within seconds, without a restart. Or upload one here');
    expect(within(empty).getByText(/Plugin author guide/)).toBeInTheDocument();
    expect(within(empty).getByRole('button', { name: 'Upload the first plugin' })).toBeInTheDocument();
  });

  it('installs an uploaded jar: shows the file chosen, sends it, says “Installed …” and lists the plugin', async () => {
    const user = userEvent.setup();
    const installed = plugin({ connectors: [] });
    const hub = hubWithPlugins([ldapPlugin], {
      [UPLOAD]: () => {
        hub.state.list = [ldapPlugin, installed];
        return jsonResponse(201, installed);
      },
    });
    renderRoutes(pluginRoutes, '/plugins');
    const dialog = await openUpload(user);
    const input = within(dialog).getByLabelText('Plugin jar');
    expect(input).toHaveFocus();
    await user.upload(input, jar('hr-file-1.0.0.jar', 25_600));
    expect(dialog).toHaveTextContent('hr-file-1.0.0.jar · 25 KB');
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));

    expect(await screen.findByTestId('plugin-outcome')).toHaveTextContent('Installed hr-file 1.0.0.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Upload plugin' })).toHaveFocus();
    const sent = hub.sent('POST', '/api/v1/plugins')[0].body as FormData;
    expect(sent.get('file')).toMatchObject({ name: 'hr-file-1.0.0.jar', size: 25_600 });
    expect(await screen.findByText('Users from the HR system’s CSV export.')).toBeInTheDocument();
  });

  it('upgrades from a plugin’s row: busy while the hub swaps versions, then “Upgraded 1.0.0 → 1.1.0; 2 connectors restarted”', async () => {
    const user = userEvent.setup();
    const upgraded = plugin({ version: '1.1.0', file: 'hr-file-1.1.0.jar' });
    let finish: () => void = () => {};
    const hub = hubWithPlugins([plugin(), ldapPlugin], {
      [UPLOAD]: () =>
        new Promise<Response>((resolve) => {
          finish = () => {
            hub.state.list = [upgraded, ldapPlugin];
            resolve(jsonResponse(200, upgraded));
          };
        }),
    });
    renderRoutes(pluginRoutes, '/plugins');
    await user.click(await screen.findByRole('button', { name: 'Upgrade hr-file' }));
    const dialog = screen.getByRole('dialog', { name: 'Upgrade hr-file' });
    expect(dialog).toHaveTextContent('Plugin-Id: hr-file');
    expect(dialog).toHaveTextContent('stops the 2 connectors using it');
    expect(dialog).toHaveTextContent('rolls back to hr-file 1.0.0');

    await user.upload(within(dialog).getByLabelText('Plugin jar'), jar());
    await user.click(within(dialog).getByRole('button', { name: 'Upgrade' }));
    expect(await within(dialog).findByRole('button', { name: 'Upgrading…' })).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(within(dialog).getByRole('status')).toHaveTextContent('This can take several seconds');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    finish();
    expect(await screen.findByTestId('plugin-outcome')).toHaveTextContent('Upgraded hr-file 1.0.0 → 1.1.0; 2 connectors restarted.');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(rowOf('hr-file')).toHaveTextContent('hr-file-1.1.0.jar'));
  });

  it('says so when the jar chosen to upgrade a plugin was another plugin', async () => {
    const user = userEvent.setup();
    const other = plugin({ id: 'payroll', version: '3.0.0', file: 'payroll-3.0.0.jar', connectors: [] });
    hubWithPlugins([plugin()], { [UPLOAD]: jsonResponse(201, other) });
    renderRoutes(pluginRoutes, '/plugins');
    await user.click(await screen.findByRole('button', { name: 'Upgrade hr-file' }));
    await user.upload(screen.getByLabelText('Plugin jar'), jar('payroll-3.0.0.jar'));
    await user.click(screen.getByRole('button', { name: 'Upgrade' }));
    const outcome = await screen.findByTestId('plugin-outcome');
    expect(outcome).toHaveTextContent('The jar is the plugin payroll, not hr-file: Installed payroll 3.0.0. hr-file was not changed');
    expect(outcome).toHaveAttribute('data-tone', 'warning');
  });

  it('shows why the hub refused a jar (422) and the upgrade it rolled back in the list', async () => {
    const user = userEvent.setup();
    const hub = hubWithPlugins([plugin()], {
      [UPLOAD]: () => {
        hub.state.list = [plugin({ error: 'Upgrade to 1.1.0 failed and was rolled back: connector HR export did not start' })];
        return problem(422, { title: 'Plugin refused', detail: 'Upgrade to 1.1.0 failed and was rolled back: connector HR export did not start' });
      },
    });
    renderRoutes(pluginRoutes, '/plugins');
    await user.click(await screen.findByRole('button', { name: 'Upgrade hr-file' }));
    const dialog = screen.getByRole('dialog', { name: 'Upgrade hr-file' });
    await user.upload(within(dialog).getByLabelText('Plugin jar'), jar());
    await user.click(within(dialog).getByRole('button', { name: 'Upgrade' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Not upgraded');
    expect(alert).toHaveTextContent('Upgrade to 1.1.0 failed and was rolled back: connector HR export did not start');
    expect(within(dialog).getByRole('button', { name: 'Upgrade' })).toBeEnabled();
    expect(await screen.findByTestId('plugin-warning')).toHaveTextContent('hr-file is still on version 1.0.0');
    expect(screen.queryByTestId('plugin-outcome')).toBeNull();
  });

  it('shows the hub’s size limit when the jar is too large (413)', async () => {
    const user = userEvent.setup();
    hubWithPlugins([ldapPlugin], {
      [UPLOAD]: problem(413, { title: 'Payload Too Large', detail: 'The jar is 62 MB; the hub accepts at most 50 MB (SLX_PLUGIN_MAX_BYTES)' }),
    });
    renderRoutes(pluginRoutes, '/plugins');
    const dialog = await openUpload(user);
    await user.upload(within(dialog).getByLabelText('Plugin jar'), jar('big-1.0.0.jar', 4096));
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The jar is 62 MB; the hub accepts at most 50 MB (SLX_PLUGIN_MAX_BYTES)');
  });

  it('shows the hub’s answer when that version is installed already (409)', async () => {
    const user = userEvent.setup();
    hubWithPlugins([plugin()], { [UPLOAD]: problem(409, { title: 'Conflict', detail: 'hr-file 1.0.0 is already installed' }) });
    renderRoutes(pluginRoutes, '/plugins');
    const dialog = await openUpload(user);
    await user.upload(within(dialog).getByLabelText('Plugin jar'), jar('hr-file-1.0.0.jar'));
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('hr-file 1.0.0 is already installed');
  });

  it('asks for a .jar before sending anything', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const hub = hubWithPlugins([ldapPlugin]);
    renderRoutes(pluginRoutes, '/plugins');
    const dialog = await openUpload(user);
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    expect(within(dialog).getByText('Choose a plugin jar')).toBeInTheDocument();

    const input = within(dialog).getByLabelText('Plugin jar');
    await user.upload(input, new File(['PK'], 'hr-file-1.1.0.zip', { type: 'application/zip' }));
    expect(within(dialog).getByText('hr-file-1.1.0.zip is not a .jar file: a plugin is a jar')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    expect(input).toHaveFocus();
    expect(hub.sent('POST', '/api/v1/plugins')).toHaveLength(0);
  });

  it('removes a plugin no connector uses, after asking', async () => {
    const user = userEvent.setup();
    const hub = hubWithPlugins([plugin(), ldapPlugin], {
      'DELETE /api/v1/plugins/slx-ldap': () => {
        hub.state.list = [plugin()];
        return new Response(null, { status: 204 });
      },
    });
    renderRoutes(pluginRoutes, '/plugins');
    await user.click(await screen.findByRole('button', { name: 'Remove slx-ldap 0.1.0' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove slx-ldap 0.1.0?' });
    expect(dialog).toHaveTextContent('deletes its jar slx-ldap-0.1.0.jar');
    expect(dialog).toHaveTextContent('No connector uses it.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    // Tab stays in the dialog.
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Remove' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    expect(await screen.findByTestId('plugin-outcome')).toHaveTextContent('Removed slx-ldap 0.1.0.');
    expect(hub.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/v1/plugins/slx-ldap']);
    await waitFor(() => expect(screen.getAllByTestId('plugin-row')).toHaveLength(1));
  });

  it('lists the connectors using a plugin and removes it by force only when asked to stop them', async () => {
    const user = userEvent.setup();
    const hub = hubWithPlugins([plugin()], {
      'DELETE /api/v1/plugins/hr-file?force=true': () => {
        hub.state.list = [];
        return new Response(null, { status: 204 });
      },
    });
    renderRoutes(pluginRoutes, '/plugins');
    await user.click(await screen.findByRole('button', { name: 'Remove hr-file 1.0.0' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove hr-file 1.0.0?' });
    expect(dialog).toHaveTextContent('These 2 connectors use it; removing the plugin stops them');
    expect(within(dialog).getByTestId('remove-plugin-connectors')).toHaveTextContent('HR export');
    expect(within(dialog).getByTestId('remove-plugin-connectors')).toHaveTextContent('HR import (test)');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(hub.requests.some((r) => r.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Remove hr-file 1.0.0' }));
    await user.click(screen.getByRole('button', { name: 'Remove and stop 2 connectors' }));
    expect(await screen.findByTestId('plugin-outcome')).toHaveTextContent(
      'Removed hr-file 1.0.0 and stopped 2 connectors: they show “type not installed” until a plugin with their type is installed again.',
    );
    expect(hub.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/v1/plugins/hr-file?force=true']);
    expect(await screen.findByTestId('plugins-empty')).toBeInTheDocument();
  });

  it('shows the hub’s refusal (409) when a connector started using the plugin meanwhile, then offers to stop it', async () => {
    const user = userEvent.setup();
    const unused = plugin({ connectors: [] });
    const hub = hubWithPlugins([unused], {
      'DELETE /api/v1/plugins/hr-file': () => {
        hub.state.list = [plugin({ connectors: [{ id: HR_EXPORT, name: 'HR export', type: 'hr-file' }] })];
        return problem(409, { title: 'Plugin in use', detail: 'Connectors use hr-file: HR export. Remove with force to stop them.' });
      },
      'DELETE /api/v1/plugins/hr-file?force=true': () => new Response(null, { status: 204 }),
    });
    renderRoutes(pluginRoutes, '/plugins');
    await user.click(await screen.findByRole('button', { name: 'Remove hr-file 1.0.0' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove hr-file 1.0.0?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Connectors use hr-file: HR export. Remove with force to stop them.');
    await user.click(await within(dialog).findByRole('button', { name: 'Remove and stop 1 connector' }));
    expect(await screen.findByTestId('plugin-outcome')).toHaveTextContent('Removed hr-file 1.0.0 and stopped 1 connector');
    expect(hub.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/v1/plugins/hr-file',
      '/api/v1/plugins/hr-file?force=true',
    ]);
  });
});
