// The two exports of React's scheduler that keyQueue.ts uses (the package ships no types).
declare module 'scheduler' {
  export const unstable_LowPriority: number;
  export function unstable_scheduleCallback(priority: number, callback: () => void): unknown;
}
