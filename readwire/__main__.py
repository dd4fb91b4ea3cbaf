from readwire.cli import main

main()
