// The page's one ScenarioLibrary, over localStorage (or memory when the browser refuses storage, so
// the UI still works and the library reports that nothing is saved).
import { ScenarioLibrary, type StorageLike } from '../../share/scenarios.ts';

function browserStorage(): StorageLike {
  try {
    if (typeof localStorage !== 'undefined') {
      localStorage.getItem('karpenter-lab/probe');
      return localStorage;
    }
  } catch {
    // storage disabled: fall through
  }
  return {
    getItem: () => null,
    setItem: () => {
      throw new Error('storage unavailable');
    },
    removeItem: () => undefined,
  };
}

export const scenarioLibrary = new ScenarioLibrary(browserStorage(), () =>
  new Date().toISOString(),
);
