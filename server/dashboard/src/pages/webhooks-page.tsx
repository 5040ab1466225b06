import type { ProjectPageProps } from '../components/shell.js';

/** Where the webhooks section goes (issue 6): endpoints, events, deliveries. */
export function WebhooksPage({ project }: ProjectPageProps) {
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>Webhooks</h1>
          <p class="muted">{project.name}</p>
        </div>
      </div>
      <div class="card">
        <p>Webhooks are coming: Reqio will post events (a user identified, a request created or voted on) to your endpoints.</p>
      </div>
    </div>
  );
}
