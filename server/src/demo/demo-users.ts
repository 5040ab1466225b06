import type { Traits } from '@reqio/shared';

/** A signed-in user of the demo host app: what a real app would load from its own database. */
export interface DemoUser {
  key: string;
  id: number;
  name: string;
  email: string;
  plan: string;
  /** Integer cents as billed, per `interval`. */
  planAmountCents?: number;
  interval?: 'month' | 'year';
  /** How the demo describes the plan. */
  price: string;
}

/** Three customers who pay very differently, so the backlog's revenue ranking shows. */
export const DEMO_USERS: readonly DemoUser[] = [
  { key: 'ada', id: 1001, name: 'Ada Lovelace', email: 'ada@analytical.example', plan: 'Enterprise', planAmountCents: 1_200_000, interval: 'year', price: '$12,000 a year' },
  { key: 'grace', id: 1002, name: 'Grace Hopper', email: 'grace@cobol.example', plan: 'Pro', planAmountCents: 4_900, interval: 'month', price: '$49 a month' },
  { key: 'linus', id: 1003, name: 'Linus Free', email: 'linus@trial.example', plan: 'Free', price: 'free trial' },
];

/** The demo user with this key, or undefined. */
export const findDemoUser = (key: string | undefined): DemoUser | undefined => DEMO_USERS.find((user) => user.key === key);

/** The identity claims the demo mints for a user: `sub` a string, `amount` integer cents. */
export function demoClaims(user: DemoUser): { sub: string; email: string; name: string; traits: Traits } {
  return {
    sub: String(user.id),
    email: user.email,
    name: user.name,
    traits: { plan: user.plan, ...(user.planAmountCents !== undefined && { amount: user.planAmountCents, interval: user.interval }) },
  };
}
