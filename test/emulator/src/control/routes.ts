import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { EmulatorControl } from './control.js';
import { ControlError } from './errors.js';

type Handler = (req: Request) => unknown;

function route(fn: Handler) {
  return (req: Request, res: Response, next: NextFunction): void => {
    try {
      const result = fn(req);
      if (result === undefined) res.status(204).end();
      else res.status(req.method === 'POST' && req.path.endsWith('/users') ? 201 : 200).json(result);
    } catch (err) {
      if (!(err instanceof ControlError)) return next(err);
      res.status(err.status).json({ error: { code: err.code, message: err.message, aadsts: err.aadsts } });
    }
  };
}

const p = (req: Request, name: string): string => String(req.params[name]);

/** The control API under /_emulator (never under Microsoft's paths); README lists every route. */
export function controlRouter(control: EmulatorControl, urls: () => { url: string; httpUrl: string | null; caFile: string }): Router {
  const router = express.Router();
  router.use(express.json({ limit: '20mb' }));
  router.get('/health', route(() => ({ ok: true, ...urls() })));
  router.post('/reset', route(() => control.reset()));
  router.put('/seed', route((req) => control.loadSeed(req.body)));
  router.get('/faults', route(() => control.getFaults()));
  router.put('/faults', route((req) => control.setFaults(req.body ?? {})));
  router.get('/faults/log', route(() => control.faultLog()));
  router.get('/timing', route(() => control.getTiming()));
  router.put('/timing', route((req) => control.setTiming(req.body ?? {})));
  router.get('/public-client', route(() => control.getPublicClient()));
  router.put('/public-client', route((req) => control.setPublicClient(req.body ?? {})));
  router.get('/tenants', route(() => control.tenants()));
  router.get('/tenants/:tenant', route((req) => control.tenantState(p(req, 'tenant'))));
  router.post('/tenants/:tenant/expire-delta-tokens', route((req) => control.expireDeltaTokens(p(req, 'tenant'))));
  router.post('/tenants/:tenant/users', route((req) => control.addUser(p(req, 'tenant'), req.body)));
  router.get('/tenants/:tenant/users/:user', route((req) => control.getUser(p(req, 'tenant'), p(req, 'user'))));
  router.patch('/tenants/:tenant/users/:user', route((req) => control.updateUser(p(req, 'tenant'), p(req, 'user'), req.body ?? {})));
  router.post('/tenants/:tenant/users/:user/disable', route((req) => control.disableUser(p(req, 'tenant'), p(req, 'user'))));
  router.post('/tenants/:tenant/users/:user/restore', route((req) => control.restoreUser(p(req, 'tenant'), p(req, 'user'))));
  router.delete('/tenants/:tenant/users/:user', route((req) => control.deleteUser(p(req, 'tenant'), p(req, 'user'), {
    permanent: req.query.permanent === 'true',
  })));
  router.get('/device-codes', route(() => control.pendingDeviceCodes()));
  router.post('/device-codes/:code/complete', route((req) => control.completeDeviceCode(p(req, 'code'), req.body ?? {})));
  router.post('/device-codes/:code/decline', route((req) => control.declineDeviceCode(p(req, 'code'))));
  return router;
}
