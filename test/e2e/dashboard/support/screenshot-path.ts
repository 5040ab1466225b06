export { screenshotPath } from '../../support/screenshot-path.js';
