import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { series } from '../src/http/series.js';

const req = {} as Request;
const res = {} as Response;

function run(handler: RequestHandler): Promise<unknown> {
  return new Promise((resolve) => handler(req, res, ((error?: unknown) => resolve(error ?? 'next')) as NextFunction));
}

describe('middlewares run as one layer (series)', () => {
  it('runs every middleware in order, then passes on', async () => {
    const seen: number[] = [];
    const step = (n: number): RequestHandler => (_req, _res, next) => {
      seen.push(n);
      next();
    };
    expect(await run(series([step(1), step(2), step(3)]))).toBe('next');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops at the first error and hands it on, skipping the rest', async () => {
    const failure = new Error('refused');
    let reached = false;
    const result = await run(series([(_q, _s, next) => next(failure), () => (reached = true)]));
    expect(result).toBe(failure);
    expect(reached).toBe(false);
  });

  it('turns a thrown error and a rejected promise into next(error)', async () => {
    const thrown = new Error('thrown');
    const rejected = new Error('rejected');
    expect(await run(series([() => { throw thrown; }, () => undefined]))).toBe(thrown);
    expect(await run(series([async () => { throw rejected; }, () => undefined]))).toBe(rejected);
  });

  it('ends the chain when a middleware answers without calling next', async () => {
    let reached = false;
    const handler = series([() => undefined, () => (reached = true)]);
    const outcome = await Promise.race([run(handler), new Promise((r) => setTimeout(() => r('answered'), 50))]);
    expect(outcome).toBe('answered');
    expect(reached).toBe(false);
  });

  it("leaves the group on next('route') like an Express router", async () => {
    let reached = false;
    expect(await run(series([(_q, _s, next) => next('route'), () => (reached = true)]))).toBe('next');
    expect(reached).toBe(false);
  });
});
