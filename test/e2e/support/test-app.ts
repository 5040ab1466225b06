// The e2e suites reach the service through the helper the server package provides.
export { startTestApp, type TestApp, type TestProject } from '../../helpers/start-test-app.js';
