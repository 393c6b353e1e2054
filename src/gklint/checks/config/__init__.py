"""GK09x: gklint's own configuration. These rules are not run on reports: the CLI reports them
after applying a configuration file (gklint.config), with the config file as their path."""
