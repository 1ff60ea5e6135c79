/**
 * Handlers for the methods served beside the engine: downloads and the storage manager,
 * provider checks, and SQL over page tables (in the scope the caller is entitled to).
 */
import { EngineUnavailableError } from '../protocol';
import type { ModelHost } from '../models/model-host';
import type { ProviderHost } from '../providers/provider-host';
import type { SqlHost } from '../sql/sql-host';
import type { PartialRegistry } from './handlers';
import { sqlScopeFor } from './page-policy';

export type ServiceMethod =
  | 'models.download'
  | 'models.pause'
  | 'models.resume'
  | 'models.cancel'
  | 'models.storage'
  | 'models.delete'
  | 'providers.test'
  | 'sql.register'
  | 'sql.check'
  | 'sql.run';

export interface ServiceHandlerDeps {
  sql?: SqlHost;
  models?: ModelHost;
  providers?: ProviderHost;
}

/** The service, or a clear error where this host was started without it. */
function need<T>(service: T | undefined, what: string): T {
  if (!service) throw new EngineUnavailableError(`This engine host does not serve ${what}.`);
  return service;
}

export function serviceHandlers(deps: ServiceHandlerDeps): PartialRegistry<ServiceMethod> {
  const models = () => need(deps.models, 'models');
  const sql = () => need(deps.sql, 'SQL');
  return {
    'models.download': async (model) => models().download(model),
    'models.pause': async ({ key }) => models().pause(key),
    'models.resume': async ({ key }) => models().resume(key),
    'models.cancel': async ({ key }) => models().cancel(key),
    'models.storage': async () => models().storageReport(),
    'models.delete': async (model) => models().delete(model),
    'providers.test': async (endpoint) => need(deps.providers, 'providers').test(endpoint),
    'sql.register': async ({ scope, tables }, { caller }) =>
      sql().register(sqlScopeFor(caller, scope), tables),
    'sql.check': async ({ scope, sql: text }, { caller }) => sql().check(sqlScopeFor(caller, scope), text),
    'sql.run': async ({ scope, sql: text, limit }, { caller }) =>
      sql().run(sqlScopeFor(caller, scope), text, limit),
  };
}
