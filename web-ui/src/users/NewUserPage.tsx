import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../shared/PageHeader';
import { UserForm } from './UserForm';
import { createUser, type UserInput } from './usersApi';

/** Add a user by hand; connectors add the rest. */
export function NewUserPage() {
  const navigate = useNavigate();

  const save = async (body: UserInput) => {
    const created = await createUser(body);
    const name = created?.userName ?? body.userName;
    if (created?.id) {
      navigate(`/users/${encodeURIComponent(created.id)}`, { state: { flash: `User “${name}” created.` } });
    } else {
      navigate('/users', { state: { flash: `User “${name}” created.` } });
    }
  };

  return (
    <>
      <PageHeader
        title="Add user"
        subtitle="Only the user name is required. Connectors link their accounts to users by these attributes."
        breadcrumb={<Link to="/users">← Users</Link>}
      />
      <section className="card">
        <UserForm mode="create" onSubmit={save} onCancel={() => navigate('/users')} />
      </section>
    </>
  );
}
