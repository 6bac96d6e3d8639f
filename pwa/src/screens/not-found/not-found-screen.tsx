import { hrefOf } from '../../app/router';

export function NotFoundScreen({ path }: { path: string }) {
  return (
    <section class="auth-card">
      <h1>Nothing here</h1>
      <p class="muted">There is no page at {path}.</p>
      <a class="btn btn-primary" href={hrefOf('market')}>
        Back to the markets
      </a>
    </section>
  );
}
