/** Kept equal to package.json's version by a test; a constant keeps the bundle free of file reads. */
export const VERSION = '1.0.0';
