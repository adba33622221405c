/**
 * Imported for its effect, before anything loads React: the TUI runs React's production build
 * unless NODE_ENV asks for another. React picks its build from NODE_ENV when it is first loaded,
 * and its development build checks and times every component of every render (a
 * `performance.measure` per component, a `console.createTask` per element), a few milliseconds
 * of each 120×40 frame. `NODE_ENV=development kms-sandbox` keeps the development build.
 */
process.env.NODE_ENV ??= 'production';

export {};
