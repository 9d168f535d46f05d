from wscodes.cli import entry

entry()
