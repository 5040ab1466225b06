import type { WebhookEventType } from '../types.js';
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_LABELS } from '../webhook-labels.js';

/**
 * The events an endpoint receives: `'all'`, or a chosen list. The service reads an empty
 * list as "every event", so the picker keeps the two apart and the form refuses an empty
 * choice instead of silently subscribing to everything.
 */
export type EventChoice = 'all' | WebhookEventType[];

/** An endpoint's `events` as a choice: empty means all. */
export const toEventChoice = (events: readonly WebhookEventType[]): EventChoice => (events.length === 0 ? 'all' : [...events]);

/** A choice as the API's `events`; undefined when nothing is chosen. */
export const toEventList = (choice: EventChoice): WebhookEventType[] | undefined => (choice === 'all' ? [] : choice.length === 0 ? undefined : choice);

/** "All events" (the default) or one checkbox per event type. */
export function EventPicker(props: { value: EventChoice; onChange: (choice: EventChoice) => void; idPrefix: string }) {
  const { value, onChange, idPrefix } = props;
  return (
    <fieldset class="events-picker">
      <legend>Events</legend>
      <label class="row">
        <input type="checkbox" checked={value === 'all'} onChange={(event) => onChange(event.currentTarget.checked ? 'all' : [])} />
        All events
      </label>
      {value !== 'all' && (
        <div class="event-options" id={`${idPrefix}-events`}>
          {WEBHOOK_EVENTS.map((type) => (
            <label class="row">
              <input
                type="checkbox"
                checked={value.includes(type)}
                onChange={(event) => onChange(event.currentTarget.checked ? WEBHOOK_EVENTS.filter((candidate) => candidate === type || value.includes(candidate)) : value.filter((candidate) => candidate !== type))}
              />
              <code>{type}</code> <span class="muted small">{WEBHOOK_EVENT_LABELS[type]}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** An endpoint's events as a short phrase. */
export const describeEvents = (events: readonly WebhookEventType[]): string => (events.length === 0 ? 'All events' : events.join(', '));
