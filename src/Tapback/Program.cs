using Tapback.Hosting;

var app = TapbackApp.Build(args);
await app.RunAsync();
