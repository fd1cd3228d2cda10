module example.com/my-go-bot

go 1.21

require github.com/wechaty/go-wechaty v0.4.9

require (
	github.com/wechaty/go-grpc v1.5.2 // indirect
	google.golang.org/grpc v1.46.2 // indirect
	google.golang.org/protobuf v1.28.0 // indirect
)
