import type { users } from '../db/schema';

/**
 * The mail a person chooses to receive (docs/events.md, "Mail"): each kind is on until they turn
 * it off on /account. Stored as one column each on `users`.
 */
export const MAIL_PREFERENCES = ['decisionsWaiting', 'applicationDecisions', 'tranchesPaid', 'deadlines'] as const;
export type MailPreference = (typeof MAIL_PREFERENCES)[number];
export type MailPreferences = Record<MailPreference, boolean>;

type User = typeof users.$inferSelect;

export const mailPreferencesOf = (user: User): MailPreferences => ({
  decisionsWaiting: user.mailDecisionsWaiting,
  applicationDecisions: user.mailApplicationDecisions,
  tranchesPaid: user.mailTranchesPaid,
  deadlines: user.mailDeadlines,
});

export const mailPreferenceColumns = (preferences: MailPreferences) => ({
  mailDecisionsWaiting: preferences.decisionsWaiting,
  mailApplicationDecisions: preferences.applicationDecisions,
  mailTranchesPaid: preferences.tranchesPaid,
  mailDeadlines: preferences.deadlines,
});

/** The preferences a form or a request states, each kind asked of `on`. */
export const mailPreferencesFrom = (on: (kind: MailPreference) => boolean): MailPreferences => ({
  decisionsWaiting: on('decisionsWaiting'),
  applicationDecisions: on('applicationDecisions'),
  tranchesPaid: on('tranchesPaid'),
  deadlines: on('deadlines'),
});
