// The CLI's version is the package's (one number to bump).
import pkg from '../../package.json';

export const CLI_VERSION: string = pkg.version;
