/** Field messages for the submit form, keyed by field. */
export type FieldErrors = Partial<Record<'title' | 'body', string>>;

/** The submit form's client-side rules, the same as the API's: title 3–120 characters, body ≤ 5000, both trimmed. */
export function validateRequestInput(title: string, body: string): FieldErrors {
  const errors: FieldErrors = {};
  const length = title.trim().length;
  if (length < 3) errors.title = 'Title must be at least 3 characters.';
  else if (length > 120) errors.title = `Title must be at most 120 characters (${length} now).`;
  if (body.trim().length > 5000) errors.body = 'Details must be at most 5000 characters.';
  return errors;
}
