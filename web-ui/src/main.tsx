import { createRoot } from 'react-dom/client';
import { App } from './App';
import './shared/styles/base.css';
import './shared/styles/layout.css';
import './shared/styles/components.css';
import './shared/styles/forms.css';
import './connectors/connectors.css';
import './imports/imports.css';
import './admins/admins.css';
import './users/users.css';
import './groups/groups.css';
import './webhooks/webhooks.css';
import './plugins/plugins.css';
import './dashboard/dashboard.css';

createRoot(document.getElementById('root')!).render(<App />);
