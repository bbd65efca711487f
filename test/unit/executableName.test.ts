/** `executableName`: the base name of a Sysmon `Image`, for `process.name`. */
import { describe, expect, it } from 'vitest';
import { executableName } from '../../ts/decode/sysmonNetwork.js';

describe('executableName()', () => {
  it('takes the name after the last backslash', () => {
    expect(executableName('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe')).toBe('powershell.exe');
    expect(executableName('C:\\beacon.exe')).toBe('beacon.exe');
    expect(executableName('\\\\server\\share\\tools\\agent.exe')).toBe('agent.exe');
  });

  it('takes the name after the last forward slash', () => {
    expect(executableName('C:/Program Files/Google/Chrome/Application/chrome.exe')).toBe('chrome.exe');
    expect(executableName('/usr/bin/curl')).toBe('curl');
  });

  it('takes whichever separator comes last when both are used', () => {
    expect(executableName('C:\\Users\\bob/AppData\\Local\\Temp/x.exe')).toBe('x.exe');
    expect(executableName('C:/Users/bob\\x.exe')).toBe('x.exe');
  });

  it('keeps a name without a directory as it is', () => {
    expect(executableName('svchost.exe')).toBe('svchost.exe');
    expect(executableName('System')).toBe('System');
    expect(executableName('')).toBe('');
  });

  it('gives an empty name for a path ending in a separator', () => {
    expect(executableName('C:\\Windows\\')).toBe('');
    expect(executableName('/opt/')).toBe('');
  });

  it('keeps case, blanks and dots', () => {
    expect(executableName('C:\\Program Files\\My App\\My App v2.EXE')).toBe('My App v2.EXE');
  });
});
