import { projectAudience } from '../config/load-config.js';
import type { Queryable } from '../storage/database.js';
import { findProject, type ProjectRecord } from '../storage/projects/project-queries.js';
import { listActiveSecrets } from '../storage/projects/secret-queries.js';
import type { SecretCipher } from './secret-cipher.js';

/** A project with what verifying its tokens needs, as held in memory. */
export interface ProjectEntry {
  project: ProjectRecord;
  /** `${PUBLIC_URL}/p/${id}` first, then the project's extra audiences. */
  audiences: string[];
  /** Decrypted secrets, current first; a previous one carries the end of its grace period (ms). */
  secrets: { secret: string; validUntil: number | null }[];
  loadedAt: number;
}

/** Projects and their decrypted secrets, cached per instance. */
export interface ProjectKeyRing {
  /** The project's entry from memory, loaded on a miss or when older than the TTL. */
  get(projectId: string): Promise<ProjectEntry | undefined>;
  /** Reloads from the store (after a rotation, or when a token fails with a stale entry). */
  refresh(projectId: string): Promise<ProjectEntry | undefined>;
  /** Secrets that verify now: the current one and a previous one inside its grace period. */
  activeSecrets(entry: ProjectEntry): string[];
  /** Forgets one project (changed on another instance), or every project: the next `get` reads the store. */
  invalidate(projectId?: string): void;
}

/**
 * Holds each project's key ring in memory so verifying a token reads no database: a
 * rotation here refreshes at once, one on another instance invalidates the entry through the
 * change feed, entries live `ttlMs` as the fallback, and unknown ids are remembered briefly
 * so junk ids cannot hammer the store.
 */
export function createProjectKeyRing(options: { db: Queryable; cipher: SecretCipher; publicUrl: string; ttlMs?: number }): ProjectKeyRing {
  const { db, cipher, publicUrl, ttlMs = 30_000 } = options;
  const entries = new Map<string, { entry: ProjectEntry | undefined; expiresAt: number }>();
  const loading = new Map<string, Promise<ProjectEntry | undefined>>();
  // Bumped by invalidate: a load that started before a change must not cache what it read.
  let generation = 0;

  async function load(projectId: string): Promise<ProjectEntry | undefined> {
    const startedAt = generation;
    const project = await findProject(db, projectId);
    let entry: ProjectEntry | undefined;
    if (project !== undefined) {
      const secrets = (await listActiveSecrets(db, projectId)).map((row) => ({
        secret: cipher.decrypt(row.encryptedSecret, projectId),
        validUntil: row.validUntil === null ? null : row.validUntil.getTime(),
      }));
      entry = { project, audiences: [projectAudience(publicUrl, projectId), ...project.extraAudiences], secrets, loadedAt: Date.now() };
    }
    if (startedAt !== generation) return entry;
    entries.set(projectId, { entry, expiresAt: Date.now() + (entry ? ttlMs : Math.min(ttlMs, 5_000)) });
    if (entries.size > 10_000) entries.delete(entries.keys().next().value as string);
    return entry;
  }

  function refresh(projectId: string): Promise<ProjectEntry | undefined> {
    let pending = loading.get(projectId);
    if (pending === undefined) {
      pending = load(projectId).finally(() => loading.delete(projectId));
      loading.set(projectId, pending);
    }
    return pending;
  }

  return {
    async get(projectId) {
      const cached = entries.get(projectId);
      if (cached !== undefined && cached.expiresAt > Date.now()) return cached.entry;
      return refresh(projectId);
    },
    refresh,
    invalidate(projectId) {
      generation += 1;
      if (projectId === undefined) {
        entries.clear();
        loading.clear();
      } else {
        entries.delete(projectId);
        loading.delete(projectId);
      }
    },
    activeSecrets(entry) {
      const now = Date.now();
      return entry.secrets.filter((s) => s.validUntil === null || s.validUntil > now).map((s) => s.secret);
    },
  };
}
