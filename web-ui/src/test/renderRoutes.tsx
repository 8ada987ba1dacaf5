import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { StaticSessionProvider } from '../auth/SessionProvider';
import type { Role } from '../shared/api';

/** Renders the given routes at `path` for a logged-in admin of `role`; returns the router. */
export function renderRoutes(routes: RouteObject[], path: string, role: Role = 'admin') {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <StaticSessionProvider value={{ role }}>
      <RouterProvider router={router} />
    </StaticSessionProvider>,
  );
  return router;
}
