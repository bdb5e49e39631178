from xnkc.cli import main

main()
