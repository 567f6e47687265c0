/**
 * Public entry of `<dv-slot-picker>`: the class and its types, no side effects (registration lives in define.ts).
 */
export { DvSlotPicker, STEPS, type Step } from './slot-picker.js';
export * from '../events.js';
