from taizhang.cli import entry

entry()
