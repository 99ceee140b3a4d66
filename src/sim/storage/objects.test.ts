import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate.ts';
import { fakeType, nodePool, scenario } from '../engine/testing.ts';
import { claim, storageClass, volume } from './testing.ts';

describe('storage objects in the engine', () => {
  it('land in state.objects: classes and volumes cluster-scoped, claims namespaced', () => {
    const tl = simulate({
      objects: [
        scenario({ instanceTypes: [fakeType('small', 2, 4)] }),
        nodePool('default'),
        storageClass('gp3', { mode: 'WaitForFirstConsumer' }),
        volume('pv-1', { zones: ['test-zone-1'] }),
        claim('data', { namespace: 'db', volumeName: 'pv-1', storageClassName: '' }),
      ],
    });
    const keys = [...tl.final.objects.keys()];
    expect(keys).toEqual(
      expect.arrayContaining([
        'StorageClass//gp3',
        'PersistentVolume//pv-1',
        'PersistentVolumeClaim/db/data',
      ]),
    );
  });
});
