/**
 * The built-in demo: one synthetic day on a small office network. Three
 * implants beacon at different periods and jitter; ordinary applications
 * make irregular connections; a browser and internal traffic show the
 * default filters at work.
 */
import type { TrafficSpec } from './syntheticTraffic.js';

const DAY_START = Date.UTC(2026, 10, 30, 0, 0, 0);

const WEB = ['151.101.1.69', '104.16.132.229', '142.250.74.110', '185.199.108.153', '13.107.42.14', '172.217.18.3', '93.184.216.34', '151.101.65.140'];

export const DEMO_SCENARIO: TrafficSpec = {
  seed: 20261130,
  startMs: DAY_START,
  endMs: DAY_START + 86_400_000,
  hostIps: {
    'ws-01': '10.1.0.11',
    'ws-02': '10.1.0.12',
    'ws-03': '10.1.0.13',
    'ws-04': '10.1.0.14',
    'ws-05': '10.1.0.15',
    'srv-files': '10.1.1.20',
  },
  beacons: [
    // A crude implant: every minute, identical payloads.
    { host: 'ws-02', process: 'updater-x.exe', destination: '185.220.101.47', periodSeconds: 60, jitter: 0, sourceBytes: 512, destinationBytes: 2048, byteJitter: 0, dropRate: 0 },
    // Every 5 minutes, 20% sleep jitter, slightly varying payloads, a few missed beats.
    { host: 'ws-04', process: 'rundll32.exe', destination: '45.77.12.9', periodSeconds: 300, jitter: 0.2, sourceBytes: 700, destinationBytes: 1400, byteJitter: 0.02, dropRate: 0.05 },
    // Every 15 minutes, 10% jitter.
    { host: 'ws-05', process: 'powershell.exe', destination: '91.92.241.10', periodSeconds: 900, jitter: 0.1, sourceBytes: 256, destinationBytes: 3100, byteJitter: 0.01, dropRate: 0 },
  ],
  noise: [
    { host: 'ws-01', process: 'chrome.exe', destinations: WEB, perHour: 120, meanSourceBytes: 900, meanDestinationBytes: 40_000 },
    { host: 'ws-01', process: 'OUTLOOK.EXE', destinations: ['52.97.146.162', '40.99.10.2', '185.15.59.224'], perHour: 20, meanSourceBytes: 2_000, meanDestinationBytes: 9_000 },
    { host: 'ws-02', process: 'python.exe', destinations: WEB, perHour: 15, meanSourceBytes: 600, meanDestinationBytes: 15_000 },
    { host: 'ws-03', process: 'curl.exe', destinations: WEB, perHour: 6, meanSourceBytes: 300, meanDestinationBytes: 5_000 },
    { host: 'ws-03', process: 'java.exe', destinations: WEB, perHour: 40, meanSourceBytes: 1_500, meanDestinationBytes: 20_000 },
    { host: 'ws-04', process: 'notepad++.exe', destinations: ['185.199.108.153'], perHour: 2, meanSourceBytes: 400, meanDestinationBytes: 60_000 },
    { host: 'ws-05', process: 'ssh.exe', destinations: ['10.1.1.20'], perHour: 10, meanSourceBytes: 4_000, meanDestinationBytes: 8_000 },
    { host: 'srv-files', process: 'rsync', destinations: ['10.1.0.11', '10.1.0.12'], perHour: 30, meanSourceBytes: 50_000, meanDestinationBytes: 500 },
  ],
};
