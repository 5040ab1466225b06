import type { IdentifyResponse } from '@reqio/shared';

/** The signed-in user, as `POST /identify` returned it. */
export type WidgetUser = IdentifyResponse['user'];

/** A function the widget calls for a fresh identity token; null/undefined means nobody is signed in. */
export type TokenProvider = () => Promise<string | null | undefined> | string | null | undefined;

/** What `Reqio.identify()` takes: a token, a token provider, or null to sign out. */
export type IdentifyInput = string | TokenProvider | null | undefined;

/** The widget's events and their payloads. */
export interface ReqioEvents {
  ready: undefined;
  identified: WidgetUser;
  'identity:error': { code: string };
  reset: undefined;
}

/** A name from {@link ReqioEvents}. */
export type ReqioEventName = keyof ReqioEvents;

/** A listener for one event. */
export type ReqioListener<Name extends ReqioEventName> = (payload: ReqioEvents[Name]) => unknown;

/** `window.Reqio` once the script has loaded. */
export interface ReqioApi {
  /** The widget's version; its presence tells a second copy of the script to do nothing. */
  readonly version: string;
  /** Signs the user in with a token or a token provider; `identify(null)` is `reset()`. Resolves to the user or null, never rejects. */
  identify(input: IdentifyInput): Promise<WidgetUser | null>;
  /** Forgets the user, the session and the anonymous id: the next person starts clean. */
  reset(): void;
  /** Opens the panel. */
  open(): void;
  /** Closes the panel. */
  close(): void;
  /** Subscribes to an event; returns a function that unsubscribes. */
  on<Name extends ReqioEventName>(name: Name, listener: ReqioListener<Name>): () => void;
  /** Unsubscribes a listener given to `on`. */
  off<Name extends ReqioEventName>(name: Name, listener: ReqioListener<Name>): void;
}

/** The names the queue stub records before the script has loaded. */
export const QUEUED_METHODS = ['identify', 'reset', 'open', 'close', 'on', 'off'] as const;

/** One call recorded by the stub: the method's name and its `arguments`. */
export type QueuedCall = [name: string, args: ArrayLike<unknown>];
