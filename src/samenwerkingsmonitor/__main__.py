from samenwerkingsmonitor.cli import main

main()
