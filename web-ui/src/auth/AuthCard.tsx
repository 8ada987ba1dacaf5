import { Logo } from '../shared/layout/Logo';

/** The centred card the login and setup pages share. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: string; children: React.ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <Logo size={36} />
          <span>SLX Connect</span>
        </div>
        <h1>{title}</h1>
        {subtitle && <p className="auth-subtitle">{subtitle}</p>}
        {children}
      </div>
      <p className="auth-footer">Identity provisioning hub</p>
    </main>
  );
}
