import { useEffect, useState } from 'react';
import type { Sandbox } from '../../sim/index.js';

/** How long bursts of calls are gathered into one re-render, in milliseconds. */
export const REFRESH_MS = 40;

/**
 * A number that changes whenever the sandbox does: a call (every call appends an audit record),
 * a clock advance or a reset. Bursts are gathered so 100,000 calls cause one render, not 100,000.
 */
export function useSandboxVersion(sandbox: Sandbox): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const bump = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setVersion((v) => v + 1);
      }, REFRESH_MS);
    };
    let unsubscribe = subscribeAll(sandbox, bump);
    const offReset = sandbox.onReset(() => {
      unsubscribe();
      unsubscribe = subscribeAll(sandbox, bump);
      bump();
    });
    return () => {
      unsubscribe();
      offReset();
      if (timer) clearTimeout(timer);
    };
  }, [sandbox]);
  return version;
}

function subscribeAll(sandbox: Sandbox, listener: () => void): () => void {
  const offAudit = sandbox.audit.subscribe(listener);
  const offClock = sandbox.clock.onAdvance(listener);
  return () => {
    offAudit();
    offClock();
  };
}
