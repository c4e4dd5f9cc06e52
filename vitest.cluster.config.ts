import { defineConfig } from 'vitest/config';

// The archive engine on a Redis Cluster: each file starts a 3-master, 3-replica cluster of
// Debian's redis-server on loopback ports (scripts/redis-cluster.mjs) and stops it after. One file
// at a time: six servers, worker processes and 2 cores.
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 90_000,
  },
});
