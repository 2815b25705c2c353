import asyncio, os
import tapback

async def main() -> None:
    async with tapback.AgentClient(os.environ["TAPBACK_URL"], os.environ["TAPBACK_PHONE"], os.environ["TAPBACK_TOKEN"]) as client:
        async for event in client:
            if isinstance(event, tapback.MessageReceived) and event.text:
                await client.mark_read(event.chat_id)
                # Keyed by the message it answers: a message redelivered after a crash is answered once.
                await client.reply(event, f"You said: {event.text}", client_message_id=f"echo-{event.message_id}")

asyncio.run(main())
